#!/usr/bin/env bash
# Draws the app icon (a cookie with a bite and a phone handset, on a rounded tile) with
# ImageMagick and writes it as RGBA PNGs (Tauri refuses RGB ones) at every hicolor theme size
# desktops look up, 16 to 512; the .deb installs each one under
# /usr/share/icons/hicolor/<size>/apps/. icon.png (512) is the size Tauri's tools expect by
# name. No "@2x" file: Tauri's bundler installs it in "<its pixel size>@2", which the icon
# theme reads as twice that size. Run from icons/.
set -euo pipefail
convert=/usr/bin/convert
$convert -size 1024x1024 xc:none \
  -fill '#1f6feb' -draw 'roundrectangle 40,40 984,984 200,200' \
  -fill '#f2c078' -draw 'circle 512,512 512,180' \
  -fill '#1f6feb' -draw 'circle 790,300 790,175' \
  -fill '#7a4a1e' -draw 'circle 400,380 400,330' -draw 'circle 640,560 640,505' \
  -draw 'circle 420,660 420,615' -draw 'circle 560,760 560,725' -draw 'circle 330,520 330,490' \
  -fill white -stroke '#1f6feb' -strokewidth 18 \
  -draw 'roundrectangle 600,640 900,920 60,60' \
  -stroke none -fill '#1f6feb' \
  -draw 'path "M 680,700 q -20,90 60,160 l 40,-40 q -40,-40 -50,-80 z"' \
  -draw 'circle 835,790 835,765' \
  PNG32:icon-1024.png
for size in 16 24 32 48 64 128 256 512; do
  $convert icon-1024.png -resize ${size}x${size} -define png:exclude-chunks=date,time PNG32:${size}x${size}.png
done
mv 512x512.png icon.png
rm icon-1024.png
